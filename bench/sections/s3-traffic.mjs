export async function s3Traffic() { return {}; }
