cat /etc/sysctl.d/90-hardening.conf
grep -E '^(PermitRootLogin|MaxAuthTries|X11Forwarding)' /etc/ssh/sshd_config
cat /etc/issue.net
cat /etc/security/limits.d/90-hardening.conf
grep '^games:' /etc/passwd
cat /etc/cron.d/hardening
cat /etc/ssh/ssh_known_hosts
stat -c '%n %a %U %G' /etc/issue.net /etc/security/limits.d/90-hardening.conf /etc/cron.d/hardening /etc/ssh/ssh_known_hosts /etc/sysctl.d/90-hardening.conf
