# The app (API, web app, embedded engine, job workers) in one image; see docker-compose.yml.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Built once here, so a container does not rebuild the web app at every start (npm start does).
RUN npm run build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["npx", "tsx", "src/main.ts"]
