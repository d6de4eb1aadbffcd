rpm -q --qf '%{NAME} %{VERSION}\n' chrony redis nginx git
cat /etc/chrony.conf
grep -E '^(port|bind|maxmemory|maxmemory-policy|daemonize) ' /etc/redis.conf
grep worker_connections /etc/nginx/nginx.conf
cat /etc/nginx/conf.d/app.conf /etc/nginx/conf.d/status.conf
cat /srv/app/index.html /srv/status/index.html
stat -c '%n %U %G %a' /srv/app /srv/status /var/lib/nginx /var/lib/redis
getent passwd nginx redis chrony | cut -d: -f1,6,7
systemctl is-active chronyd redis nginx; systemctl is-enabled chronyd redis nginx
redis-cli ping
cat /opt/app/VERSION; git -C /opt/app log --format=%s
