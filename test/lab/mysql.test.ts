// mysql_db and mysql_user (community.mysql) against ansible-playbook on Debian lab hosts with MariaDB from the lab's
// repository (ansible-playbook on h1, kplay on h2), first run and rerun: the recap, exit code, registered results
// and what the server holds afterwards (databases with their character sets, accounts with their hashes and grants).
// Ansible's modules need PyMySQL on the host; kplay's need only the mysql client.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const MYSQL = `- hosts: all
  gather_facts: false
  vars:
    sock: /run/mysqld/mysqld.sock
  tasks:
    - apt: { name: [mariadb-server, python3-pymysql] }
    - service: { name: mariadb, state: started }
    - name: a database with its character set
      mysql_db: { name: shop, encoding: utf8mb4, collation: utf8mb4_unicode_ci, login_unix_socket: "{{ sock }}" }
      register: r1
    - name: again
      community.mysql.mysql_db: { name: shop, login_unix_socket: "{{ sock }}" }
      register: r2
    - name: two, as a comma-separated string
      mysql_db: { name: "tmp1,tmp2", login_unix_socket: "{{ sock }}" }
      register: r3
    - name: one dropped
      mysql_db: { name: tmp2, state: absent, login_unix_socket: "{{ sock }}" }
      register: r4
    - name: one that is not there, dropped
      mysql_db: { name: ghost, state: absent, login_unix_socket: "{{ sock }}" }
      register: r5
    - name: check mode - predicted, not created
      mysql_db: { name: predicted, login_unix_socket: "{{ sock }}" }
      check_mode: true
      register: r6
    - name: an account with a password and privileges
      mysql_user: { name: app, password: s3cret, priv: "shop.*:ALL", login_unix_socket: "{{ sock }}" }
      register: u1
    - name: again
      mysql_user: { name: app, password: s3cret, priv: "shop.*:ALL", login_unix_socket: "{{ sock }}" }
      register: u2
    - name: privileges replaced, over two databases
      mysql_user: { name: app, password: s3cret, priv: "shop.*:SELECT/tmp1.*:SELECT", login_unix_socket: "{{ sock }}" }
      register: u3
    - name: appended
      mysql_user: { name: app, priv: "shop.*:UPDATE", append_privs: true, login_unix_socket: "{{ sock }}" }
      register: u4
    - name: subtracted
      mysql_user: { name: app, priv: "shop.*:SELECT", subtract_privs: true, login_unix_socket: "{{ sock }}" }
      register: u5
    - name: check mode - a new password predicted
      mysql_user: { name: app, password: other, login_unix_socket: "{{ sock }}" }
      check_mode: true
      register: u6
    - name: on_create - the password is left alone
      mysql_user: { name: app, password: other, update_password: on_create, login_unix_socket: "{{ sock }}" }
      register: u7
    - name: a dictionary of privileges, with the grant option, on another host part
      mysql_user:
        name: admin
        host: "%"
        password: "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7"
        encrypted: true
        priv: { "shop.*": "ALL,GRANT" }
        login_unix_socket: "{{ sock }}"
      register: u8
    - name: the grant option taken away
      mysql_user: { name: admin, host: "%", priv: "shop.*:ALL", login_unix_socket: "{{ sock }}" }
      register: u9
    - name: a second account of the same name
      mysql_user: { name: admin, host: localhost, login_unix_socket: "{{ sock }}" }
    - name: the app user over TCP with its password, in its database - allowed
      mysql_db: { name: shop, login_user: app, login_password: s3cret }
      register: c1
    - name: the app user creating another database - refused by the server
      mysql_db: { name: elsewhere, login_user: app, login_password: s3cret }
      ignore_errors: true
      register: c2
    - name: a wrong password
      mysql_db: { name: shop, login_user: app, login_password: wrong }
      ignore_errors: true
      register: c3
    - name: root over TCP (unix_socket authentication only), no config file
      mysql_user: { name: app, login_user: root }
      ignore_errors: true
      register: c4
    - name: the app user's credentials in ~/.my.cnf
      copy: { dest: /root/.my.cnf, mode: "0600", content: "[client]\\nuser=app\\npassword=s3cret\\n" }
    - name: the config file read
      mysql_db: { name: shop }
      register: c5
    - copy: { dest: /root/.my.cnf, mode: "0600", content: "[client]\\nsocket=/run/mysqld/mysqld.sock\\n" }
    - name: dumped, compressed
      mysql_db: { name: shop, state: dump, target: /root/shop.sql.gz, login_unix_socket: "{{ sock }}" }
      register: d1
    - name: imported into a new database
      mysql_db: { name: shop2, state: import, target: /root/shop.sql.gz, login_unix_socket: "{{ sock }}" }
      register: d2
    - name: two databases dumped into one file
      mysql_db: { name: [shop, tmp1], state: dump, target: /root/two.sql, login_unix_socket: "{{ sock }}" }
      register: d5
    - name: a dump of a database that is not there
      mysql_db: { name: ghost, state: dump, target: /root/ghost.sql, login_unix_socket: "{{ sock }}" }
      ignore_errors: true
      register: d3
    - name: an import of a file that is not there
      mysql_db: { name: shop3, state: import, target: /root/none.sql, login_unix_socket: "{{ sock }}" }
      ignore_errors: true
      register: d4
    - name: every admin account dropped
      mysql_user: { name: admin, host_all: true, state: absent, login_unix_socket: "{{ sock }}" }
      register: u10
    - name: dropped again
      mysql_user: { name: admin, host: "%", state: absent, login_unix_socket: "{{ sock }}" }
      register: u11
    - name: an account that logs in through the unix socket
      mysql_user: { name: sockuser, plugin: unix_socket, login_unix_socket: "{{ sock }}" }
      register: u12
    - name: again
      mysql_user: { name: sockuser, plugin: unix_socket, login_unix_socket: "{{ sock }}" }
      register: u13
    - name: an account that must use TLS, with limits
      mysql_user: { name: tlsuser, password: tls-secret, tls_requires: { SSL: }, resource_limits: { MAX_USER_CONNECTIONS: 5, MAX_QUERIES_PER_HOUR: 100 }, login_unix_socket: "{{ sock }}" }
      register: u14
    - name: again
      mysql_user: { name: tlsuser, password: tls-secret, tls_requires: { ssl: }, resource_limits: { MAX_USER_CONNECTIONS: 5, MAX_QUERIES_PER_HOUR: 100 }, login_unix_socket: "{{ sock }}" }
      register: u15
    - name: TLS no longer required, a limit changed
      mysql_user: { name: tlsuser, resource_limits: { MAX_USER_CONNECTIONS: 6 }, login_unix_socket: "{{ sock }}" }
      register: u16
    - name: a limit that does not exist
      mysql_user: { name: tlsuser, resource_limits: { MAX_BOGUS: 1 }, login_unix_socket: "{{ sock }}" }
      ignore_errors: true
      register: u17
    - copy:
        dest: /root/mysql-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, u1, u2, u3, u4, u5, u6, u7, u8, u9, c1, c2, c3, c4, c5, d1, d2, d5, d3, d4, u10, u11, u12, u13, u14, u15, u16, u17] %}
          {{ r.changed | default(false) }} {{ r.failed | default(false) }} {{ r.msg | default('') }} {{ r.password_changed | default('') }} {{ r.db_list | default('') }}
          {% endfor %}
`;

// Ansible words a change of several privileges in the order of a Python set, which changes from run to run: each
// task above changes one privilege per database, so its msg is the same every time.
const SQL = [
  "SELECT schema_name, default_character_set_name, default_collation_name FROM information_schema.schemata WHERE schema_name NOT IN ('mysql', 'sys', 'performance_schema', 'information_schema') ORDER BY 1",
  'SELECT user, host, plugin, authentication_string FROM mysql.user ORDER BY 1, 2',
  "SHOW GRANTS FOR 'app'@'localhost'",
  "SHOW CREATE USER 'tlsuser'@'localhost'",
].join('; ');
// the dumps are whole: mysqldump's last line, and a CREATE DATABASE for each of two
const STATE = ['cat /root/mysql-results', `mysql -N -e ${JSON.stringify(SQL)}`, "zcat /root/shop.sql.gz | grep -c 'Dump completed'", "grep -c '^CREATE DATABASE' /root/two.sql"].join('; ');

describe('mysql_db and mysql_user against ansible-playbook on Debian lab hosts with MariaDB', () => {
  const lab = useLab({ name: 'mysqlmod', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'mysql-pb-'));

  it('databases, accounts, privileges, passwords, credentials, dump and import; check mode and failures: the same recap, results and server', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'mysql.yml'), MYSQL, STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toContain("GRANT UPDATE ON `shop`.* TO `app`@`localhost`");
    expect(kplay).toMatch(/^shop\tutf8mb4\tutf8mb4_unicode_ci$/m);
    expect(kplay).toContain('*B865CAE8F340F6CE1485A06F4492BB49718DF1EC'); // PASSWORD('s3cret')
    expect(kplay).toContain("Access denied for user 'app'@'localhost' to database 'elsewhere'");
    expect(kplay).toMatch(/\n1\n2\n$/);
  });
});
