// Bottleneck ships types for its main entry only; `light.js` (the build the Octokit plugins import,
// and the one client.ts builds its write buckets with) has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
