dpkg --get-selections mariadb-server
grep -v '^#' /etc/mysql/mariadb.conf.d/60-kplay.cnf
systemctl is-active mariadb; systemctl is-enabled mariadb
mysql -N -e "SELECT schema_name, default_character_set_name, default_collation_name FROM information_schema.schemata WHERE schema_name IN ('shop', 'audit') ORDER BY 1; SELECT user, host, authentication_string FROM mysql.user WHERE user IN ('shop', 'auditor') ORDER BY 1; SHOW GRANTS FOR 'auditor'@'localhost'; SHOW VARIABLES LIKE 'bind_address'"
iptables-save | grep -- '--dport 3306'
