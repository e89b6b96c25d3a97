# syntax=docker/dockerfile:1
# Node 20, the line the test suite runs on (a test keeps the two the same); the native module is
# built in the build stage and copied, so the runtime image carries no compiler.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/prepare.js tools/build.js tools/require-build.js ./tools/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
# git (with ssh and CA certificates) writes published post-mortems to the team's repository.
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=/data/incident-bot.sqlite \
    POSTMORTEMS_GIT_WORKDIR=/data/postmortems-git \
    NODE_OPTIONS=--max-old-space-size=160
WORKDIR /app
# 1000:1000 is the image's unprivileged `node` user, by number: Kubernetes' runAsNonRoot can
# only verify a numeric user.
COPY --from=build --chown=1000:1000 /app/package.json ./
COPY --from=build --chown=1000:1000 /app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /app/dist ./dist
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap limit: the bot's live heap stays well under it, and without one V8 on a large host lets
# garbage pile up to gigabytes before collecting (bench B6 measures memory with the same limit).
# node is PID 1 and handles SIGTERM itself: it stops taking requests, finishes in-flight work
# and closes the database before exiting.
CMD ["node", "dist/src/main.js"]
