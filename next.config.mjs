/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers stream media; keep sharp (native) out of the server bundle.
  serverExternalPackages: ["sharp"],
};

export default nextConfig;
