# gokernel: JupyterLab with the Go kernel and the tutorial notebooks, for
# `docker run` and for JupyterHub (Zero to JupyterHub's singleuser.image).
#
#   docker build -t gokernel .
#   docker run -p 8888:8888 gokernel
#
# The build steps are scripts/build-image-root, which CI runs too
# (make test-image). Nothing is installed under $HOME, which JupyterHub
# hides under the user's volume: the kernelspec goes to
# $CONDA_DIR/share/jupyter/kernels/gokernel, the notebooks to
# /opt/gokernel/notebooks (read-only); a start-up hook copies them into
# ~/work when they are missing there (or run `gokernel-notebooks`).

# --- build: one static binary; cells are interpreted, so the final image
# needs no Go toolchain. `make test-image` builds with this same Go version
# (GOTOOLCHAIN), so CI compiles what this stage compiles.
ARG GO_VERSION=1.24.13
FROM docker.io/library/golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN scripts/build-image-root files /out

# --- the notebook image (Jupyter Docker Stacks, pinned).
FROM quay.io/jupyter/base-notebook:2026-08-24

# JupyterLab draws widgets (package widgets: protocol 2.1.0, ipywidgets 8)
# through jupyterlab_widgets 3, which base-notebook does not carry.
RUN mamba install --yes 'jupyterlab_widgets=3.0.*' && \
    mamba clean --all -f -y && \
    fix-permissions "${CONDA_DIR}"

USER root
COPY --from=build /out/ /
# The build script and the notebook checker, used below and then removed.
COPY scripts/build-image-root /tmp/gokernel-build/scripts/
COPY scripts/image/ /tmp/gokernel-build/scripts/image/
COPY test/nbclient/nbrun.py test/nbclient/nbcheck.py /tmp/gokernel-build/test/nbclient/
RUN /tmp/gokernel-build/scripts/build-image-root kernelspec / && \
    fix-permissions "${CONDA_DIR}/share/jupyter"

USER ${NB_UID}
# Execute the tutorial with the installed kernel, as the notebook user: the
# image is not built unless the notebooks run.
RUN PYTHON="${CONDA_DIR}/bin/python" /tmp/gokernel-build/scripts/build-image-root check /

USER root
RUN rm -rf /tmp/gokernel-build
USER ${NB_UID}
WORKDIR "${HOME}"
