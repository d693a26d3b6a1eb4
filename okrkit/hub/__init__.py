"""okrkit on JupyterHub: a firm's engagements, each person signed in and seeing only their own.

- `roster`: the firm's file (`FIRM_DIR/okrkit-hub.yaml`): engagements, coaches, client users.
- `config`: what `jupyterhub_config.py` calls: services, groups, roles and scopes from the roster.
- `service`: one engagement's client apps, Voila's standalone app behind the hub's OAuth.
- `portfolio`: every engagement a coach holds at a glance (`okrkit portfolio`, the hub page).
- `cli`: `okrkit hub init|add-engagement|add-user|grant|remove-user` and `okrkit hub FIRM_DIR`.

Nothing here is imported by the domain; jupyterhub is imported only by `config` and `service`.
"""
