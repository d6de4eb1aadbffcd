// The common server packages of the EL lab repository (chrony, nginx, redis, git, firewalld, cronie), as EL ships them: each
// RPM's payload is the program of a Debian package from the Debian lab repository, laid out under EL's names
// (chronyd.service, /etc/chrony.conf, redis.service, /etc/redis.conf, an nginx.conf of EL's shape with conf.d/ and
// `user nginx`, /etc/sysconfig/firewalld), and its %post makes the service user and the directories EL's package owns.
import type { ElOs } from '../types.js';
import type { LabPackage } from './lab-package.js';

/**
 * Shared libraries the programs need, in the image for every host (Debian hosts do not see the programs). firewalld's
 * python bindings load libnftables (through ctypes) and libgirepository; python3-dbus is in the image already.
 */
export const SERVER_LIBRARIES: readonly string[] = [
  'libcap2', 'libedit2', 'libgnutls30', 'libnettle8', 'libseccomp2', 'libjemalloc2', 'liblzf1', 'libatomic1',
  'libcurl3-gnutls', 'libexpat1', 'libpcre2-8-0', 'libcrypt1', 'zlib1g', 'libssl3', 'libsystemd0',
  'libnftables1', 'libjansson4', 'libgirepository-1.0-1',
];

/** What a Debian package's files leave out on EL: SysV scripts, Debian's own hooks and docs. */
const NOT_ON_EL = ['/etc/init.d', '/etc/default', '/etc/apparmor.d', '/etc/ufw', '/etc/network', '/etc/ppp', '/etc/dhcp', '/usr/share/doc', '/usr/share/man', '/usr/share/lintian', '/usr/share/apport', '/usr/share/vim', '/usr/lib/NetworkManager', '/usr/lib/networkd-dispatcher', '/lib/systemd', '/usr/share/bash-completion', '/etc/bash_completion.d'];

const systemUser = (name: string, home: string): string[] => ['/usr/sbin/useradd', '--system', '--no-create-home', '--home-dir', home, '--shell', '/sbin/nologin', name];
const ownedDir = (path: string, owner: string, mode: string): string[][] => [['/bin/mkdir', '-p', path], ['/bin/chown', `${owner}:${owner}`, path], ['/bin/chmod', mode, path]];

const CHRONYD_SERVICE = `[Unit]
Description=NTP client/server
Documentation=man:chronyd(8) man:chrony.conf(5)
After=ntpdate.service sntp.service ntpd.service
Conflicts=ntpd.service systemd-timesyncd.service

[Service]
Type=forking
PIDFile=/run/chrony/chronyd.pid
EnvironmentFile=-/etc/sysconfig/chronyd
ExecStart=/usr/sbin/chronyd -f /etc/chrony.conf $OPTIONS
PrivateTmp=yes
ProtectHome=yes
ProtectSystem=full

[Install]
WantedBy=multi-user.target
`;

const CHRONY_CONF = `# Use public servers from the pool.ntp.org project.
pool 2.rocky.pool.ntp.org iburst

# Record the rate at which the system clock gains/losses time.
driftfile /var/lib/chrony/drift

# Allow the system clock to be stepped in the first three updates
# if its offset is larger than 1 second.
makestep 1.0 3

# Enable kernel synchronization of the real-time clock (RTC).
rtcsync

# Specify file containing keys for NTP authentication.
keyfile /etc/chrony.keys

# Get TAI-UTC offset and leap seconds from the system tz database.
leapsectz right/UTC

# Specify directory for log files.
logdir /var/log/chrony
`;

const NGINX_SERVICE = `[Unit]
Description=The nginx HTTP and reverse proxy server
After=network-online.target remote-fs.target nss-lookup.target
Wants=network-online.target

[Service]
Type=forking
PIDFile=/run/nginx.pid
ExecStartPre=/usr/bin/rm -f /run/nginx.pid
ExecStartPre=/usr/sbin/nginx -t
ExecStart=/usr/sbin/nginx
ExecReload=/bin/kill -s HUP $MAINPID
KillSignal=SIGQUIT
TimeoutStopSec=5
KillMode=mixed
PrivateTmp=true

[Install]
WantedBy=multi-user.target
`;

const NGINX_CONF = `# For more information on configuration, see:
#   * Official English Documentation: http://nginx.org/en/docs/

user nginx;
worker_processes auto;
error_log /var/log/nginx/error.log;
pid /run/nginx.pid;

# Load dynamic modules. See /usr/share/doc/nginx/README.dynamic.
include /usr/share/nginx/modules/*.conf;

events {
    worker_connections 1024;
}

http {
    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile            on;
    tcp_nopush          on;
    tcp_nodelay         on;
    keepalive_timeout   65;
    types_hash_max_size 2048;

    include             /etc/nginx/mime.types;
    default_type        application/octet-stream;

    # Load modular configuration files from the /etc/nginx/conf.d directory.
    include /etc/nginx/conf.d/*.conf;

    server {
        listen       80 default_server;
        server_name  _;
        root         /usr/share/nginx/html;

        # Load configuration files for the default server block.
        include /etc/nginx/default.d/*.conf;

        location / {
        }
    }
}
`;

const REDIS_SERVICE = `[Unit]
Description=Redis persistent key-value database
After=network.target
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/bin/redis-server /etc/redis.conf --supervised systemd
Type=notify
User=redis
Group=redis
RuntimeDirectory=redis
RuntimeDirectoryMode=0755

[Install]
WantedBy=multi-user.target
`;

// EL 8's unit: Debian's, with the arguments of /etc/sysconfig/firewalld
const FIREWALLD_SERVICE = `[Unit]
Description=firewalld - dynamic firewall daemon
Before=network-pre.target
Wants=network-pre.target
After=dbus.service
After=polkit.service
Conflicts=iptables.service ip6tables.service ebtables.service ipset.service nftables.service
Documentation=man:firewalld(1)

[Service]
EnvironmentFile=-/etc/sysconfig/firewalld
ExecStart=/usr/sbin/firewalld --nofork --nopid $FIREWALLD_ARGS
ExecReload=/bin/kill -HUP $MAINPID
# supress to log debug and error output also to /var/log/messages
StandardOutput=null
StandardError=null
Type=dbus
BusName=org.fedoraproject.FirewallD1
KillMode=mixed

[Install]
WantedBy=multi-user.target
Alias=dbus-org.fedoraproject.FirewallD1.service
`;

// EL 8's unit, running Debian's cron in the foreground (-f; cronie's -n)
const CROND_SERVICE = `[Unit]
Description=Command Scheduler
After=auditd.service nss-user-lookup.target systemd-user-sessions.service time-sync.target ypbind.service autofs.service

[Service]
EnvironmentFile=/etc/sysconfig/crond
ExecStart=/usr/sbin/crond -f $CRONDARGS
ExecReload=/bin/kill -URG $MAINPID
KillMode=process
Restart=on-failure
RestartSec=30s

[Install]
WantedBy=multi-user.target
`;

const UNIT_DIR = '/usr/lib/systemd/system';

export function serverPackages(os: ElOs): LabPackage[] {
  const release = `1.kplay.${os}`;
  const common = { release, requires: [], gate: [] };
  return [
    {
      ...common,
      name: 'chrony',
      version: '4.3',
      summary: 'An NTP client/server',
      debs: ['chrony'],
      drop: [...NOT_ON_EL, '/etc/logrotate.d', '/etc/chrony', '/usr/share/chrony', '/usr/libexec/chrony', '/usr/lib/systemd'],
      moves: [],
      edits: [],
      extra: [
        [`${UNIT_DIR}/chronyd.service`, '0644', CHRONYD_SERVICE],
        ['/etc/chrony.conf', '0644', CHRONY_CONF],
        ['/etc/chrony.keys', '0640', '#1 MD5 HEX:ABCDEF\n'],
        // a lab host is a container that may not set the clock: -x serves time without touching it, so chronyd runs
        ['/etc/sysconfig/chronyd', '0644', '# Command-line options for chronyd\nOPTIONS="-u chrony -x"\n'],
      ],
      post: [systemUser('chrony', '/var/lib/chrony'), ...ownedDir('/var/lib/chrony', 'chrony', '0750'), ...ownedDir('/var/log/chrony', 'chrony', '0755')],
      units: true,
    },
    {
      ...common,
      name: 'nginx',
      version: '1.22.1',
      summary: 'A high performance web server and reverse proxy server',
      debs: ['nginx', 'nginx-common'],
      drop: [...NOT_ON_EL, '/etc/nginx/sites-available', '/etc/nginx/sites-enabled', '/etc/nginx/snippets', '/etc/nginx/proxy_params', '/etc/nginx/modules-available', '/etc/nginx/modules-enabled', '/usr/share/nginx/modules'],
      moves: [],
      edits: [],
      extra: [
        [`${UNIT_DIR}/nginx.service`, '0644', NGINX_SERVICE],
        ['/etc/nginx/nginx.conf', '0644', NGINX_CONF],
        ['/usr/share/nginx/html/404.html', '0644', '<h1>404 Not Found</h1>\n'],
      ],
      post: [
        systemUser('nginx', '/var/lib/nginx'),
        ...ownedDir('/var/lib/nginx', 'nginx', '0770'),
        ...ownedDir('/var/log/nginx', 'root', '0711'),
        ['/bin/mkdir', '-p', '/etc/nginx/conf.d', '/etc/nginx/default.d', '/usr/share/nginx/modules'],
      ],
      units: true,
    },
    {
      ...common,
      name: 'redis',
      version: '7.0.15',
      summary: 'A persistent key-value database',
      debs: ['redis-server', 'redis-tools'],
      drop: [...NOT_ON_EL, '/etc/logrotate.d', '/etc/redis'],
      moves: [['/etc/redis/redis.conf', '/etc/redis.conf']],
      edits: [
        ['/etc/redis.conf', 's|^daemonize yes|daemonize no|; s|^pidfile .*|pidfile /var/run/redis_6379.pid|; s|^logfile .*|logfile /var/log/redis/redis.log|'],
      ],
      extra: [[`${UNIT_DIR}/redis.service`, '0644', REDIS_SERVICE]],
      post: [systemUser('redis', '/var/lib/redis'), ...ownedDir('/var/lib/redis', 'redis', '0750'), ...ownedDir('/var/log/redis', 'redis', '0750')],
      units: true,
    },
    {
      ...common,
      name: 'firewalld',
      version: '1.3.3',
      summary: 'A firewall daemon with D-Bus interface providing a dynamic firewall',
      requires: ['python3-firewall'],
      debs: ['firewalld'],
      drop: [...NOT_ON_EL, '/usr/share/zsh'],
      moves: [],
      edits: [],
      extra: [
        [`${UNIT_DIR}/firewalld.service`, '0644', FIREWALLD_SERVICE],
        ['/etc/sysconfig/firewalld', '0644', '# firewalld command line args\n# possible values: --debug\nFIREWALLD_ARGS=\n'],
        // polkit's actions for firewalld (Debian makes this link with update-alternatives): without it polkitd
        // refuses every D-Bus call, firewall-cmd --state included
        ['/usr/share/polkit-1/actions/org.fedoraproject.FirewallD1.policy', 'link', 'org.fedoraproject.FirewallD1.server.policy.choice'],
      ],
      // the configuration directories EL's package owns (/etc/firewalld itself root-only, as there)
      post: [
        ['/bin/mkdir', '-p', ...['helpers', 'icmptypes', 'ipsets', 'policies', 'services', 'zones'].map((d) => `/etc/firewalld/${d}`)],
        ['/bin/chmod', '0750', '/etc/firewalld'],
      ],
      units: true,
    },
    // firewalld's python package and the bindings it imports, as EL splits them (python3-dbus is in the image)
    {
      ...common,
      name: 'python3-firewall',
      version: '1.3.3',
      summary: 'Python3 bindings for firewalld',
      requires: ['python3-gobject-base', 'python3-nftables'],
      debs: ['python3-firewall'],
      drop: NOT_ON_EL,
      moves: [],
      edits: [],
      extra: [],
      post: [],
      units: false,
    },
    {
      ...common,
      name: 'python3-nftables',
      version: '1.0.6',
      summary: 'Python module providing an interface to libnftables',
      debs: ['python3-nftables'],
      drop: NOT_ON_EL,
      moves: [],
      edits: [],
      extra: [],
      post: [],
      units: false,
    },
    {
      ...common,
      name: 'python3-gobject-base',
      version: '3.42.2',
      summary: 'Python 3 bindings for GObject Introspection base package',
      // the typelibs (GLib, Gio, GObject) that EL's gobject-introspection carries
      debs: ['python3-gi', 'gir1.2-glib-2.0'],
      drop: NOT_ON_EL,
      moves: [],
      edits: [],
      extra: [],
      post: [],
      units: false,
    },
    {
      ...common,
      name: 'cronie',
      version: '1.5.2',
      summary: 'Cron daemon for executing programs at set times',
      debs: ['cron', 'cron-daemon-common'],
      drop: [...NOT_ON_EL, '/usr/share/bug', ...['d', 'daily', 'hourly', 'monthly', 'weekly', 'yearly'].map((d) => `/etc/cron.${d}/.placeholder`)],
      moves: [['/usr/sbin/cron', '/usr/sbin/crond'], ['/etc/pam.d/cron', '/etc/pam.d/crond']],
      edits: [],
      extra: [
        [`${UNIT_DIR}/crond.service`, '0644', CROND_SERVICE],
        ['/etc/sysconfig/crond', '0644', '# Settings for the CRON daemon.\n# CRONDARGS= :  any extra command-line startup arguments for crond\nCRONDARGS=\n'],
      ],
      // Debian's crontab is set-group-ID crontab and keeps users' tables under /var/spool/cron/crontabs
      post: [
        ['/usr/sbin/groupadd', '--system', 'crontab'],
        ['/bin/chown', 'root:crontab', '/usr/bin/crontab'],
        ['/bin/chmod', '2755', '/usr/bin/crontab'],
        ...ownedDir('/var/spool/cron/crontabs', 'root', '1730'),
        ['/bin/chgrp', 'crontab', '/var/spool/cron/crontabs'],
      ],
      units: true,
    },
    {
      ...common,
      name: 'git',
      version: '2.39.5',
      summary: 'Fast Version Control System',
      debs: ['git'],
      drop: NOT_ON_EL,
      moves: [],
      edits: [],
      extra: [],
      post: [],
      units: false,
    },
  ];
}
