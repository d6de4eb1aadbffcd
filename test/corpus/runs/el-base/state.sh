rpm -q --qf '%{NAME} %{VERSION}\n' openssh-server openssh-clients sudo cronie
cat /etc/sysconfig/crond
crontab -l -u root
systemctl is-active crond; systemctl is-enabled crond
stat -c '%n %a %U %G' /usr/bin/crontab /etc/sysconfig/crond
