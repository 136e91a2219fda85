"""The JupyterLab 4 frontend of the browser suite, served by Debian's
jupyter_server and jupyterlab_server: run as

    python3 labapp.py --ServerApp.ip=127.0.0.1 ...

with LAB_BUILD naming the directory webpack built (bundle.js, schemas/,
themes/). jupyter_server finds this extension by the module's
_jupyter_server_extension_points() and the app's name, which must be the
module's name; without either it serves its plain page instead of Lab.
"""

import json
import os

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(os.environ.get("LAB_BUILD", os.path.join(HERE, "build")))
STATE = os.environ.get("LAB_STATE", os.path.join(BUILD, "state"))

# Settings and config files of the machine must not change what the suite sees.
os.environ["JUPYTER_NO_CONFIG"] = "1"

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": GokernelLab}]


class GokernelLab(LabServerApp):
    """JupyterLab 4 built from test/lab, at /lab."""

    name = __name__
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = VERSION
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    # overrides.json: no news or update checks (this machine is offline).
    app_settings_dir = os.path.join(HERE, "settings")
    user_settings_dir = os.path.join(STATE, "user_settings")
    workspaces_dir = os.path.join(STATE, "workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False


if __name__ == "__main__":
    GokernelLab.launch_instance()
