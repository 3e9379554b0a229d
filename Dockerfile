# Node's current LTS line (26, LTS since October 2026).
FROM node:26-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY flows ./flows
COPY locales ./locales
COPY data ./data
COPY tsconfig.json ./
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/main.ts"]
