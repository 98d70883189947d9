"""The Moderators group: comments only, nothing on articles.

Created by migration 0003 and made sure of after every migrate (a database
flush, as in transactional tests, empties it otherwise).
"""

MODERATORS = "Moderators"

MODERATOR_PERMISSIONS = [
    ("comment", "view_comment"),
    ("comment", "can_moderate"),
    ("moderationdecision", "view_moderationdecision"),
    ("bannedword", "view_bannedword"),
    ("bannedword", "add_bannedword"),
    ("bannedword", "change_bannedword"),
    ("bannedword", "delete_bannedword"),
    ("blocklistentry", "view_blocklistentry"),
    ("blocklistentry", "add_blocklistentry"),
    ("blocklistentry", "change_blocklistentry"),
    ("blocklistentry", "delete_blocklistentry"),
]


def ensure_moderators(Group, Permission):
    """Create the group if missing and give it exactly its permissions."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    permissions = [
        Permission.objects.get(
            content_type__app_label="comments", content_type__model=model, codename=codename
        )
        for model, codename in MODERATOR_PERMISSIONS
    ]
    group.permissions.add(*permissions)
    return group
