// basket strings (zh-CN). Keys are prefixed 'basket.'; merged into the main table by ./index.js.
export default {
};
