import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Secrets Manager on 127.0.0.1, as much of it as the bot reads: GetSecretValue over the
 * service's JSON 1.1 protocol, for the real SDK client pointed at `url`. An unknown secret
 * gets the service's ResourceNotFoundException; any other operation is refused.
 */
export class LoopbackSecretsManager {
  /** GetSecretValue requests answered, by secret id. */
  readonly reads: string[] = [];

  private constructor(
    private readonly server: Server,
    private readonly secrets: ReadonlyMap<string, string>,
  ) {}

  static async start(secrets: Readonly<Record<string, string>>): Promise<LoopbackSecretsManager> {
    const handlers: { handle?: (request: IncomingMessage, response: ServerResponse) => Promise<void> } = {};
    const server = createServer((request, response) => void handlers.handle?.(request, response));
    const self = new LoopbackSecretsManager(server, new Map(Object.entries(secrets)));
    handlers.handle = (request, response) => self.handle(request, response);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const target = request.headers['x-amz-target'];
    if (target !== 'secretsmanager.GetSecretValue') return send(response, 400, { __type: 'InvalidRequestException', Message: `${String(target)} is not served here` });
    const { SecretId } = JSON.parse(body) as { SecretId?: string };
    const secret = SecretId === undefined ? undefined : this.secrets.get(SecretId);
    if (SecretId === undefined || secret === undefined) return send(response, 400, { __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
    this.reads.push(SecretId);
    send(response, 200, {
      ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SecretId}-AbCdEf`,
      Name: SecretId,
      SecretString: secret,
      VersionId: '00000000-0000-0000-0000-000000000001',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_764_000_000,
    });
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}
