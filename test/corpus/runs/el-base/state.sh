rpm -q --qf '%{NAME} %{VERSION}\n' openssh-server openssh-clients sudo cronie
cat /etc/sysconfig/crond
crontab -l -u root
systemctl is-active crond; systemctl is-enabled crond
stat -c '%n %a %U %G' /usr/bin/crontab /etc/sysconfig/crond
rpm -q --qf '%{NAME} %{VERSION}\n' rsyslog logrotate tzdata iptables
cat /etc/rsyslog.d/remote.conf /etc/logrotate.d/app
systemctl is-active rsyslog; systemctl is-enabled rsyslog
stat -c '%n %a %U %G' /etc/ssh/ssh_host_ecdsa_key /etc/rsyslog.d/remote.conf
