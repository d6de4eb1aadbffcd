dpkg-query -W -f '${Package} ${Status}\n' postfix rsyslog logrotate fail2ban ntp ntpsec
debconf-show postfix | grep -E 'main_mailer_type|mailname' | sort
grep -E '^(inet_interfaces|inet_protocols|mydestination|message_size_limit|smtpd_banner) ' /etc/postfix/main.cf
cat /etc/mailname
cat /etc/rsyslog.d/30-mail.conf /etc/logrotate.d/mail-relay /etc/fail2ban/jail.local
grep '^pool ' /etc/ntpsec/ntp.conf
systemctl is-active rsyslog postfix fail2ban; systemctl is-enabled rsyslog postfix fail2ban
