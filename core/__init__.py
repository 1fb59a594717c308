"""Host-agnostic publishing core of ftpub.

Nothing is imported here (``ftpub`` commands start fast, and a DCC loads only what it uses);
the public surface is these modules and packages, each imported by name:

- A publish: :mod:`.scene_publish` (``publish_scene``, what a host's menu runs; the menu's
  shared items in :mod:`.scene_menu`, the batch command in :mod:`.scene_batch`), :mod:`.runner`
  (``start``, ``publish``, ``Run``), :mod:`.step`, :mod:`.result` (``PublishResult``),
  :mod:`.report`, :mod:`.actions` (repairs), :mod:`.staging` (extractors' folders),
  :mod:`.journal` (what a publish created, so a failed one is undone).
- Its inputs: :mod:`.config` (``load_config``, ``Config``; values read by :mod:`.config_values`),
  :mod:`.context` (``resolve_task``), :mod:`.publish_data` (``InstanceData``,
  ``Representation``), :mod:`.publish_plan`.
- Plugins: :mod:`.discovery` (``discover``; files run by :mod:`.plugin_files`), and ftpub's own
  pyblish plugins in :mod:`.plugins`.
- Extending: :mod:`.hooks` (studio hooks), :mod:`.host` (``HostAdapter``, ``HostEntry``),
  :mod:`.host_registry` (``find_host``, ``open_host``).
- Packages: :mod:`.files` (templates, transfers), :mod:`.ftrack` (sessions, integration),
  :mod:`.media` (thumbnails, review movies), :mod:`.ui` (the publish window).
- The ``ftpub`` command: :mod:`.cli` and one ``*_cli`` module per group of sub-commands, and
  :mod:`.browse` behind ``ftpub tasks`` and ``ftpub versions``.
"""
