dpkg-query -W -f '${Package} ${db:Status-Abbrev}\n' nginx
ls /etc/nginx/sites-enabled /etc/nginx/sites-available
cat /etc/nginx/sites-available/app.conf /etc/nginx/sites-available/docs.conf
grep worker_connections /etc/nginx/nginx.conf
cat /srv/app/index.html /srv/docs/index.html
systemctl is-active nginx; systemctl is-enabled nginx
