dpkg-query -W -f '${Package} ${db:Status-Abbrev}\n' redis-server redis-tools
grep -E '^(port|maxmemory|maxmemory-policy|tcp-keepalive) ' /etc/redis/redis.conf
systemctl is-active redis-server; systemctl is-enabled redis-server
