/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and driver packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "pg", "mariadb"],
  poweredByHeader: false,
};

export default nextConfig;
