"""The web app, for `flask --app app run` (development) and WSGI servers; `syndiff serve`
runs it under waitress."""

from syndiff.web import create_app

app = create_app()
