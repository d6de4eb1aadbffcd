getent group ops devs
getent passwd alice bob olduser
id alice; id bob
cat /home/alice/.ssh/authorized_keys /home/bob/.ssh/authorized_keys
stat -c '%n %a %U %G' /home/alice/.ssh /home/alice/.ssh/authorized_keys /home/bob/.ssh/authorized_keys /etc/sudoers.d/90-ops
cat /etc/sudoers.d/90-ops
