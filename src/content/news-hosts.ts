/** News sites that are articles even where their markup says nothing (registrable domains). */
export const NEWS_HOSTS: ReadonlySet<string> = new Set([
  'apnews.com', 'arstechnica.com', 'bbc.co.uk', 'bbc.com', 'bloomberg.com', 'businessinsider.com',
  'caixinglobal.com', 'cnbc.com', 'cnn.com', 'economist.com', 'engadget.com', 'ft.com', 'forbes.com',
  'theguardian.com', 'theverge.com', 'techcrunch.com', 'nytimes.com', 'reuters.com', 'scmp.com',
  'wsj.com', 'washingtonpost.com', 'wired.com', 'news.yahoo.com', 'finance.yahoo.com', 'zdnet.com', '9to5mac.com', 'macrumors.com',
  'appleinsider.com', 'theinformation.com', 'nikkei.com', 'news.sina.com.cn', 'finance.sina.com.cn', 'news.sohu.com',
  'news.163.com', 'news.qq.com', 'thepaper.cn', 'caixin.com', 'ifeng.com', 'people.com.cn', 'xinhuanet.com',
  'chinadaily.com.cn', 'globaltimes.cn', '36kr.com', 'huxiu.com', 'jiemian.com', 'yicai.com', 'cls.cn',
]);
