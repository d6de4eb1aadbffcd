cat /etc/kplay-tuning.conf /etc/kplay-tuning.json /etc/sysctl.d/90-tuning.conf
