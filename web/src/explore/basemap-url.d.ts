// The URL of the basemap converted at build time (scripts/basemap.ts).
declare module 'virtual:obshub-basemap' {
  const url: string;
  export default url;
}
