"""Small widget helpers shared by the views."""
