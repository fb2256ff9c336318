// The four official Fashion-MNIST files, their checksums, and where to find them.
// Checksums: the MD5s of the official README, and the SHA-256s of the gunzipped content, from
// /work/shared/fashion-mnist/SOURCE.md.

export const SOURCE_FILE_NAMES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
] as const;

export type SourceFileName = (typeof SOURCE_FILE_NAMES)[number];

/** Which source files make up each split of the dataset. */
export const SPLIT_SOURCES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
} as const satisfies Record<string, { images: SourceFileName; labels: SourceFileName }>;

export interface ExpectedChecksum {
  /** MD5 of the .gz file as published. */
  md5: string;
  /**
   * SHA-256 of the gunzipped content. Lets a copy whose gzip header was rewritten (Debian's
   * dataset-fashion-mnist drops the stored name and time) pass: the data is the same, the MD5 isn't.
   */
  contentSha256?: string;
}

export type ChecksumTable = Record<SourceFileName, ExpectedChecksum>;

export const OFFICIAL_CHECKSUMS: ChecksumTable = {
  'train-images-idx3-ubyte.gz': {
    md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
    contentSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  },
  'train-labels-idx1-ubyte.gz': {
    md5: '25c81989df183df01b3e8a0aad5dffbe',
    contentSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  },
  't10k-images-idx3-ubyte.gz': {
    md5: 'bef4ecab320f06d8554ea6380940ec79',
    contentSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  },
  't10k-labels-idx1-ubyte.gz': {
    md5: 'bb300cfdad3c16e7a12a480ee83cd310',
    contentSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
  },
};

/** Where Debian's package dataset-fashion-mnist installs the files. */
export const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';
export const DEBIAN_PACKAGE = 'dataset-fashion-mnist';

export const OFFICIAL_HOST = 'fashion-mnist.s3-website.eu-central-1.amazonaws.com';
export const OFFICIAL_BASE_URL = `http://${OFFICIAL_HOST}/`;

/** How to provide the files by hand; ends every "could not find the files" message. */
export const HOW_TO_PROVIDE = [
  'Provide the four official .gz files in one of these ways:',
  '  npm run data -- --from DIR          (a folder holding the four files)',
  '  FASHION_MNIST_DIR=DIR npm run data',
  `  sudo apt-get install ${DEBIAN_PACKAGE}   (installs them in ${DEBIAN_DIR})`,
].join('\n');
