dpkg-query -W -f '${Package} ${db:Status-Abbrev}\n' chrony
cat /etc/chrony/chrony.conf
stat -c '%a %U %G' /etc/chrony/chrony.conf
systemctl is-enabled chrony
