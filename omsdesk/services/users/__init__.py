"""Users, sign-in and permissions (issue 18): accounts, PIN hashing, the lock, `require`."""
