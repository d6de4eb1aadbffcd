# A Jinja test in a collection beside the playbook (never run by kplay).
def blue(value):
    return value == "blue"
