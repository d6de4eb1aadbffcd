git -C /srv/app/src rev-parse HEAD; git -C /srv/app/src describe --tags
/srv/app/venv/bin/pip list --format=freeze | grep -i kplay
stat -c '%n %a %G' /srv/app/app.ini; cat /srv/app/app.ini /srv/app/restarted
getent shadow app | cut -d: -f1,2
