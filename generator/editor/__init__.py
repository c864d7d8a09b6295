"""The form editor: ``agreement edit`` serves a unit's data as Thai forms in the browser.

It sits beside the command line and calls the same functions: checks (`commands.validate`,
`data.results`), edits (`data.roundtrip`, `store.edits`) and, for build, PDF, report and
archive, the command line itself in a child process. Its modules, lowest first:
files (which files may be edited), merge (form values → the clerk's YAML), forms (schema and
data → form fields), checks (a draft checked as ``validate`` checks it), preview (page
images), jobs (commands run with progress), guard (token, Host, Origin), app (the routes),
server (the socket and uvicorn).
"""
