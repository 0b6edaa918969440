// segment strings (zh-CN). Keys are prefixed 'segment.'; merged into the main table by ./index.js.
export default {
};
