# JupyterHub configuration of the classroom suite (make test-hub), read by
# Debian's jupyterhub 3.0 as started by test/hub/run, which passes the ports,
# the state directory and the driver's token in the environment. Everything
# listens on 127.0.0.1; students log in through the dummy authenticator and
# each gets a jupyterhub-singleuser (jupyter_server) process under
# HUB_STATE/home/<name>, started by SimpleLocalProcessSpawner (no system
# users needed), with the gokernel kernelspec on JUPYTER_PATH.
import os

state = os.environ["HUB_STATE"]
c = get_config()  # noqa: F821 (jupyterhub defines it)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ["HUB_PROXY_API_PORT"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "home", "{username}")
c.Spawner.environment = {"JUPYTER_PATH": os.environ["JUPYTER_PATH"]}
c.Spawner.default_url = "/tree"
# Many servers start at once on a small machine.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
if os.getuid() == 0:
    c.Spawner.args = ["--ServerApp.allow_root=True"]

# The driver (test/hub/classroom.py) creates the students and mints each a
# token; the students then start and use their servers with their own tokens.
c.JupyterHub.services = [{"name": "classroom-driver", "api_token": os.environ["HUB_DRIVER_TOKEN"]}]
c.JupyterHub.load_roles = [
    {"name": "classroom-driver", "scopes": ["admin:users", "tokens"], "services": ["classroom-driver"]},
]
