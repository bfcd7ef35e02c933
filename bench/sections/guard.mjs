export async function guard() { return {}; }
