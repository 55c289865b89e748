import { BackendError } from '../errors/backend-error';

/**
 * Loads an optional runtime library on first use, so importing the package pulls in none of them.
 * Fails with a typed error that says what to install, or to pass the module as `lib`.
 */
export async function importOptional<Module>(
  name: string,
  provider: string,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    throw new BackendError({
      provider,
      message: `could not load "${name}". Install it (npm install ${name}) or pass the module as the "lib" option.`,
      cause: error,
      missingPackage: name,
    });
  }
}
