/** Template payloads as Meta's reference pages show them, for the Send API tests and the console's. */

export const GENERIC = {
  template_type: 'generic',
  elements: [
    {
      title: 'Welcome!',
      image_url: 'https://example.com/welcome.png',
      subtitle: 'We have the right hat for everyone.',
      default_action: { type: 'web_url', url: 'https://example.com', webview_height_ratio: 'tall' },
      buttons: [
        { type: 'web_url', url: 'https://example.com', title: 'View Website' },
        { type: 'postback', title: 'Start Chatting', payload: 'DEVELOPER_DEFINED_PAYLOAD' },
      ],
    },
  ],
};

export const BUTTON = {
  template_type: 'button',
  text: 'What do you want to do next?',
  buttons: [
    { type: 'web_url', url: 'https://www.messenger.com', title: 'Visit Messenger' },
    { type: 'postback', title: 'Talk to a human', payload: 'HUMAN' },
  ],
};

/** Meta's sample receipt, `street_2: ""` and all. */
export const RECEIPT = {
  template_type: 'receipt',
  recipient_name: 'Stephane Crozatier',
  order_number: '12345678902',
  currency: 'USD',
  payment_method: 'Visa 2345',
  order_url: 'http://originalcoastclothing.com/order?order_id=123456',
  timestamp: '1428444852',
  address: {
    street_1: '1 Hacker Way',
    street_2: '',
    city: 'Menlo Park',
    postal_code: '94025',
    state: 'CA',
    country: 'US',
  },
  summary: { subtotal: 75.0, shipping_cost: 4.95, total_tax: 6.19, total_cost: 56.14 },
  adjustments: [
    { name: 'New Customer Discount', amount: 20 },
    { name: '$10 Off Coupon', amount: 10 },
  ],
  elements: [
    {
      title: 'Classic White T-Shirt',
      subtitle: '100% Soft and Luxurious Cotton',
      quantity: 2,
      price: 50,
      currency: 'USD',
      image_url: 'http://originalcoastclothing.com/img/whiteshirt.png',
    },
    {
      title: 'Classic Gray T-Shirt',
      subtitle: '100% Soft and Luxurious Cotton',
      quantity: 1,
      price: 25,
      currency: 'USD',
      image_url: 'http://originalcoastclothing.com/img/grayshirt.png',
    },
  ],
};

/** The receipt as stored and echoed: empty optional fields are left out. */
export const RECEIPT_STORED = {
  ...RECEIPT,
  address: { ...RECEIPT.address, street_2: undefined },
};

export const FACEBOOK_PHOTO = 'https://www.facebook.com/photo.php?fbid=1234567890';

export const MEDIA_BY_URL = {
  template_type: 'media',
  elements: [
    {
      media_type: 'image',
      url: FACEBOOK_PHOTO,
      buttons: [{ type: 'web_url', url: 'https://example.com/shop', title: 'Shop now' }],
    },
  ],
};

export const COUPON = {
  template_type: 'coupon',
  title: '10% off summer sale 🎁',
  subtitle: 'Use code 10offsummer at checkout.',
  coupon_code: '10offsummer',
  coupon_url: 'https://www.myshop.com/',
  coupon_url_button_title: 'Shop now',
  coupon_pre_message: 'We have a new summer sale coming up',
  image_url: 'https://www.myshop.com/sale-image.png',
  payload: 'SUMMER_COUPON',
};

export const CUSTOMER_FEEDBACK = {
  template_type: 'customer_feedback',
  title: 'Rate your experience with Original Coast Clothing.',
  subtitle: 'Let Original Coast Clothing know how they are doing by answering two questions',
  button_title: 'Rate Experience',
  feedback_screens: [
    {
      questions: [
        {
          id: 'hauydmns8',
          type: 'csat',
          title: 'How would you rate your experience with Original Coast Clothing?',
          score_label: 'neg_pos',
          score_option: 'five_stars',
          follow_up: { type: 'free_form', placeholder: 'Give additional feedback' },
        },
      ],
    },
  ],
  business_privacy: { url: 'https://www.example.com' },
  expires_in_days: 3,
};

export const IMAGE_GRID = {
  template_type: 'image_grid',
  elements: [
    {
      images: [
        {
          url: 'https://example.com/red.png',
          is_hero_image: true,
          action: { type: 'postback', payload: 'RED' },
        },
        { url: 'https://example.com/blue.png', action: { type: 'web_url', url: 'https://example.com/blue' } },
        { url: 'https://example.com/green.png' },
      ],
      title: 'Summer colours',
      subtitle: 'Pick yours',
      buttons: [{ type: 'postback', title: 'See all', payload: 'ALL_COLOURS' }],
    },
  ],
};

export const OPT_IN = {
  template_type: 'notification_messages',
  title: 'Weekly deals',
  image_url: 'https://example.com/deals.png',
  payload: 'DEALS_OPT_IN',
  notification_messages_cta_text: 'GET',
  notification_messages_timezone: 'Europe/Paris',
};

export const asTemplate = (payload: unknown) => ({ attachment: { type: 'template', payload } });
