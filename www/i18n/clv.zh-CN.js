// clv strings (zh-CN). Keys are prefixed 'clv.'; merged into the main table by ./index.js.
export default {
};
