-- docker compose: Camunda's secondary storage gets its own database beside the app's.
CREATE DATABASE camunda OWNER kvh;
