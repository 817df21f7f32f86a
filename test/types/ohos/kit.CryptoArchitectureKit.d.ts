// @kit.CryptoArchitectureKit: cryptoFramework, the members OhosCrypto and OhosRandom call.
// Source: interface_sdk-js api/@ohos.security.cryptoFramework.d.ts (re-exported as `cryptoFramework`
// by kits/@kit.CryptoArchitectureKit.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-cryptoframework
//      guides: crypto-sign-sig-verify-overview, crypto-asym-key-generation-conversion-spec,
//      crypto-convert-binary-data-to-asym-key-pair, crypto-compute-hmac, crypto-generate-random-number.
// Facts the adapter relies on (from those pages): convertKey takes X.509 SPKI DER public keys and
// PKCS#8 DER private keys; an RSA generator converts keys of any size ("the converted key follows the
// key data"); sign/verify specs accept RSA without a size ('RSA|PKCS1|SHA256', 10+); ECDSA signatures
// are ASN.1 DER; Ed25519 since 11; 'HMAC' symmetric keys of any length via convertKey.
declare module '@kit.CryptoArchitectureKit' {
  export namespace cryptoFramework {
    enum Result {
      INVALID_PARAMS = 401,
      NOT_SUPPORT = 801,
      ERR_OUT_OF_MEMORY = 17620001,
      ERR_RUNTIME_ERROR = 17620002,
      ERR_CRYPTO_OPERATION = 17630001
    }

    interface DataBlob {
      data: Uint8Array;
    }

    interface Key {
      /** SymKey: raw bytes; PubKey: X.509 SPKI DER; PriKey: PKCS#8 DER. */
      getEncoded(): DataBlob;
      readonly format: string;
      readonly algName: string;
    }

    interface SymKey extends Key {
      clearMem(): void;
    }

    interface PriKey extends Key {
      clearMem(): void;
    }

    interface PubKey extends Key {
    }

    interface KeyPair {
      readonly priKey: PriKey;
      readonly pubKey: PubKey;
    }

    interface Random {
      /** @since 10 */
      generateRandomSync(len: number): DataBlob;
      readonly algName: string;
    }
    function createRandom(): Random;

    interface AsyKeyGenerator {
      generateKeyPair(): Promise<KeyPair>;
      convertKey(pubKey: DataBlob | null, priKey: DataBlob | null): Promise<KeyPair>;
      readonly algName: string;
    }

    interface SymKeyGenerator {
      convertKey(key: DataBlob): Promise<SymKey>;
      readonly algName: string;
    }

    function createAsyKeyGenerator(algName: string): AsyKeyGenerator;
    function createSymKeyGenerator(algName: string): SymKeyGenerator;

    interface Mac {
      init(key: SymKey): Promise<void>;
      update(input: DataBlob): Promise<void>;
      doFinal(): Promise<DataBlob>;
      getMacLength(): number;
      readonly algName: string;
    }
    function createMac(algName: string): Mac;

    interface Md {
      update(input: DataBlob): Promise<void>;
      digest(): Promise<DataBlob>;
      getMdLength(): number;
      readonly algName: string;
    }
    function createMd(algName: string): Md;

    /** @since 10 */
    enum SignSpecItem {
      PSS_MD_NAME_STR = 100,
      PSS_MGF_NAME_STR = 101,
      PSS_MGF1_MD_STR = 102,
      PSS_SALT_LEN_NUM = 103,
      PSS_TRAILER_FIELD_NUM = 104
    }

    interface Sign {
      init(priKey: PriKey): Promise<void>;
      update(data: DataBlob): Promise<void>;
      /** @since 10 (null data) */
      sign(data: DataBlob | null): Promise<DataBlob>;
      /** @since 10 */
      setSignSpec(itemType: SignSpecItem, itemValue: number): void;
      readonly algName: string;
    }

    interface Verify {
      init(pubKey: PubKey): Promise<void>;
      update(data: DataBlob): Promise<void>;
      /** @since 10 (null data) */
      verify(data: DataBlob | null, signatureData: DataBlob): Promise<boolean>;
      /** @since 10 */
      setVerifySpec(itemType: SignSpecItem, itemValue: number): void;
      readonly algName: string;
    }
    function createSign(algName: string): Sign;
    function createVerify(algName: string): Verify;
  }
}
