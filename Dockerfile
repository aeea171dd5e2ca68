# The app (API, web app, embedded engine, job workers) in one image; see docker-compose.yml.
# Two stages: the first installs everything and builds server and web into dist/ (npm run
# build); the second has only the production dependencies, the build and the models (bpmn/),
# and runs what `npm start` runs: node, no tsx, no build at start.
FROM node:24-slim AS build
WORKDIR /app
# Carbon's and IBM Plex's postinstall would run IBM's telemetry collector in a container build.
ENV IBM_TELEMETRY_DISABLED=true
COPY package.json package-lock.json ./
# feelin's compile-once patch, applied by npm's postinstall (patch-package).
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 IBM_TELEMETRY_DISABLED=true
COPY package.json package-lock.json ./
# feelin's compile-once patch, applied by npm's postinstall (patch-package).
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bpmn ./bpmn
# PGlite's data folder when no DATABASE_URL is given (mount a volume there).
RUN mkdir -p /app/data && chown node:node /app/data
ENV DATA_DIR=/app/data
USER node
EXPOSE 3000
CMD ["node", "dist/server/src/main.js"]
