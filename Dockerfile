# The API as a container. Use it with docker-compose.yml (PostgreSQL beside it).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json codegen.ts ./
COPY migrations ./migrations
COPY src ./src
COPY schema ./schema
COPY screens ./screens
USER node
EXPOSE 4000
CMD ["node", "--import", "tsx", "src/server.ts"]
