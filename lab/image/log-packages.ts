// The logging packages of the EL lab repository, rsyslog and logrotate, as EL 8 ships them: Debian's programs under
// EL's unit, configuration (/var/log/messages, secure, maillog, cron) and log rotation policy.
import type { ElOs } from '../types.js';
import type { LabPackage } from './lab-package.js';

/** The libraries rsyslogd and logrotate load, put in the image for every host with the other server libraries. */
export const LOG_LIBRARIES: readonly string[] = ['libestr0', 'libfastjson4', 'liblognorm5', 'libpopt0'];

const NOT_ON_EL = ['/etc/init.d', '/etc/default', '/etc/logcheck', '/usr/share/doc', '/usr/share/man', '/usr/share/bug', '/lib/systemd', '/usr/lib/rsyslog'];

const RSYSLOG_SERVICE = `[Unit]
Description=System Logging Service
Wants=network.target network-online.target
After=network.target network-online.target
Documentation=man:rsyslogd(8)
Documentation=https://www.rsyslog.com/doc/

[Service]
Type=notify
EnvironmentFile=-/etc/sysconfig/rsyslog
ExecStart=/usr/sbin/rsyslogd -n $SYSLOGD_OPTIONS
UMask=0066
StandardOutput=null
Restart=on-failure
LimitNOFILE=16384

[Install]
WantedBy=multi-user.target
`;

const RSYSLOG_CONF = `# rsyslog configuration file

#### MODULES ####
module(load="imuxsock" SysSock.Use="off")
module(load="imjournal" StateFile="imjournal.state")

#### GLOBAL DIRECTIVES ####
global(workDirectory="/var/lib/rsyslog")
module(load="builtin:omfile" Template="RSYSLOG_TraditionalFileFormat")
include(file="/etc/rsyslog.d/*.conf" mode="optional")

#### RULES ####
*.info;mail.none;authpriv.none;cron.none                /var/log/messages
authpriv.*                                              /var/log/secure
mail.*                                                  -/var/log/maillog
cron.*                                                  /var/log/cron
*.emerg                                                 :omusrmsg:*
uucp,news.crit                                          /var/log/spooler
local7.*                                                /var/log/boot.log
`;

const SYSLOG_ROTATE = `/var/log/cron
/var/log/maillog
/var/log/messages
/var/log/secure
/var/log/spooler
{
    missingok
    sharedscripts
    postrotate
        /usr/bin/systemctl kill -s HUP rsyslog.service >/dev/null 2>&1 || true
    endscript
}
`;

const LOGROTATE_CONF = `# see "man logrotate" for details
# rotate log files weekly
weekly

# keep 4 weeks worth of backlogs
rotate 4

# create new (empty) log files after rotating old ones
create

# use date as a suffix of the rotated file
dateext

# uncomment this if you want your log files compressed
#compress

# RPM packages drop log rotation information into this directory
include /etc/logrotate.d

# system-specific logs may be also be configured here.
`;

export function logPackages(os: ElOs): LabPackage[] {
  const common = { release: `1.kplay.${os}`, gate: [] };
  return [
    {
      ...common,
      name: 'rsyslog',
      version: '8.2102.0',
      summary: 'Enhanced system logging and kernel message trapping daemon',
      requires: ['logrotate'],
      debs: ['rsyslog'],
      drop: [...NOT_ON_EL, '/etc/logrotate.d/rsyslog'],
      moves: [],
      edits: [],
      extra: [
        ['/usr/lib/systemd/system/rsyslog.service', '0644', RSYSLOG_SERVICE],
        ['/etc/rsyslog.conf', '0644', RSYSLOG_CONF],
        ['/etc/sysconfig/rsyslog', '0644', '# Options for rsyslogd\n# See rsyslogd(8) for more details\nSYSLOGD_OPTIONS=""\n'],
        ['/etc/logrotate.d/syslog', '0644', SYSLOG_ROTATE],
      ],
      // the directories EL's package owns (the payload carries files, not Debian's empty directories)
      post: [['/bin/mkdir', '-p', '/etc/rsyslog.d', '/var/lib/rsyslog']],
      units: true,
    },
    {
      ...common,
      name: 'logrotate',
      version: '3.14.0',
      summary: 'Rotates, compresses, removes and mails system log files',
      requires: [],
      debs: ['logrotate'],
      drop: NOT_ON_EL,
      moves: [],
      edits: [],
      extra: [['/etc/logrotate.conf', '0644', LOGROTATE_CONF]],
      post: [['/bin/mkdir', '-p', '/var/lib/logrotate']],
      units: false,
    },
  ];
}
