"""gunicorn reads this file from the folder it starts in (``make run``, the benches, and
the deployment of the README): server settings stay on the command line, this only gets
each worker ready before its first request (``espace.web.serving``)."""


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    from espace.web.serving import prepare_worker

    prepare_worker(worker.wsgi)
