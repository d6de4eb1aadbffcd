cat /etc/motd /etc/issue.net /etc/profile.d/baseline.sh /opt/tools/MISSING
stat -c '%n %a' /etc/motd /etc/profile.d/baseline.sh /opt/tools /opt/tools/bin /var/log/tools
ls -a /opt/tools
