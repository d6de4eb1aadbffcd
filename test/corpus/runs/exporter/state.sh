ls -l --time-style=+ /usr/local/bin/exporter /opt/exporter-1.4.2 | sed 's/ \+/ /g'
grep -v '^#' /etc/systemd/system/exporter.service
systemctl is-active exporter; systemctl is-enabled exporter
firewall-cmd --list-ports; firewall-cmd --permanent --list-ports
getent passwd exporter | cut -d: -f1,6,7
