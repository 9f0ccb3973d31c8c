/** A refusal central answers with a status and a plain-Chinese message (`{ code, message }`). */
export class CentralError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}

export const unauthorized = () =>
  new CentralError(401, 'unauthorized', '工作站凭据无效或已吊销：请在工作站"设置 → 中心"重新注册');
export const notFound = (what: string) => new CentralError(404, 'not_found', `${what}不存在`);
