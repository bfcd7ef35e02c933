export async function compile() { return {}; }
