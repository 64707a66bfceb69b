/** The demo world's fixed ids and tokens (packages/server/src/sandbox/demo-world.yaml): a fixed interface. */
export const DEMO = {
  IG_TOKEN: 'IGAAparleyDemoInstagramUserToken',
  PAGE_TOKEN: 'EAAparleyDemoPageToken',
  APP_ID: '918273645500001',
  APP_TOKEN: '918273645500001|parley-demo-app-token',
  APP_SECRET: '6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d',
  IG_ID: '17841458123456789',
  PAGE_ID: '104522334455667',
  IGSID: '6200000000000001',
  PSID: '7100000000000005',
  IG_CONVERSATION_ID:
    'aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDE0NTgxMjM0NTY3ODk6MzQwMjgyMzY2ODQxNzEwMzAwOTQ5MTI4MTcxNDg1NzU1MjQ0NTAx',
  LONG_CONVERSATION_ID:
    'aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDE0NTgxMjM0NTY3ODk6MzQwMjgyMzY2ODQxNzEwMzAwOTQ5MTI4MTcxNDg1NzU1MjQ0NTAz',
  MESSENGER_CONVERSATION_ID: 't_10000000000000001',
  /** The Instagram account's post (mina asked "price?" under it) and reel. */
  POST_ID: '17900000000000101',
  REEL_ID: '17900000000000102',
  COMMENT_ID: '17800000000000101',
  /** People, by their sandbox ids. */
  MINA: '51000000001',
  ALEX: '51000000005',
} as const;
