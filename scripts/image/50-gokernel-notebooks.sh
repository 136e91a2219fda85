# Start-up hook of the Jupyter Docker Stacks (sourced by start.sh from
# /usr/local/bin/before-notebook.d before the server starts): copies the
# tutorial notebooks into ~/work if they are not there yet, also when
# JupyterHub has mounted a fresh volume over the home directory. When the
# container starts as root, the copy is made as the notebook user.
if [ "$(id -u)" -eq 0 ]; then
    sudo -u "${NB_USER:-jovyan}" -H /usr/local/bin/gokernel-notebooks "/home/${NB_USER:-jovyan}/work" ||
        echo "WARNING: gokernel-notebooks failed; run it in a terminal to get the tutorial notebooks" >&2
else
    /usr/local/bin/gokernel-notebooks ||
        echo "WARNING: gokernel-notebooks failed; run it in a terminal to get the tutorial notebooks" >&2
fi
